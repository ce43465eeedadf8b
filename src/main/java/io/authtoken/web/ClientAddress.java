package io.authtoken.web;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The client address that the lockout and the rate limit count, in one canonical
 * spelling. It is the connection's peer, or the address from {@code X-Forwarded-For} when
 * the connection comes from a trusted proxy, as Tomcat's remote IP valve sets it. An IPv6
 * client counts as its /64 prefix, because one subscriber or host usually has a whole /64
 * and could otherwise guess from 2^64 addresses.
 */
public final class ClientAddress {

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	/** Hex digits and colons with at least one colon, optionally an IPv4 tail. */
	private static final Pattern IPV6 = Pattern
		.compile("[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){1,7}(:\\d{1,3}(\\.\\d{1,3}){3})?");

	private static final int IPV6_BYTES = 16;

	/** The first 12 bytes of the NAT64 well-known prefix 64:ff9b::/96. */
	private static final byte[] NAT64_PREFIX = { 0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0 };

	/** Bytes of an IPv6 address that the lockout and the rate limit count: a /64. */
	private static final int IPV6_PREFIX_BYTES = 8;

	private ClientAddress() {
	}

	/**
	 * Returns the client address as the lockout and the rate limit count it: an IPv4
	 * address as it is, or the /64 prefix of an IPv6 address, written out in full with
	 * the suffix {@code /64}, such as {@code 2001:db8:0:0:0:0:0:0/64}.
	 * @throws ApiException {@code invalid_request} when a trusted proxy forwarded
	 * something that is not an IP address
	 */
	public static String of(HttpServletRequest request) {
		return counted(request.getRemoteAddr()).orElseThrow(() -> new ApiException(ErrorCode.INVALID_REQUEST,
				"The client address forwarded in X-Forwarded-For is not an IP address."));
	}

	/**
	 * Parses an IP address literal as {@link #canonical(String)} does, and returns it as
	 * the lockout and the rate limit count it.
	 * @return an IPv4 address, or the /64 prefix of an IPv6 address, or empty
	 */
	public static Optional<String> counted(String address) {
		return parse(address).map((parsed) -> {
			if (!(parsed instanceof Inet6Address)) {
				return parsed.getHostAddress();
			}
			byte[] bytes = parsed.getAddress();
			if (Arrays.equals(bytes, 0, NAT64_PREFIX.length, NAT64_PREFIX, 0, NAT64_PREFIX.length)) {
				// A NAT64 translator writes each IPv4 client into the well-known prefix
				// 64:ff9b::/96 (RFC 6052). Counting its /64 would put every one of them
				// into a single lockout, so the IPv4 address in the last 4 bytes counts.
				return hostAddress(Arrays.copyOfRange(bytes, NAT64_PREFIX.length, IPV6_BYTES));
			}
			Arrays.fill(bytes, IPV6_PREFIX_BYTES, IPV6_BYTES, (byte) 0);
			return hostAddress(bytes) + "/" + (IPV6_PREFIX_BYTES * 8);
		});
	}

	/**
	 * Writes 4 or 16 address bytes as {@link InetAddress#getHostAddress()} does.
	 */
	private static String hostAddress(byte[] bytes) {
		try {
			return InetAddress.getByAddress(bytes).getHostAddress();
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("4 or 16 bytes are always an IP address", ex);
		}
	}

	/**
	 * Parses an IP address literal, IPv4 in dotted form or IPv6, optionally in brackets,
	 * without any name lookup: a value of another shape, such as a host name, is rejected
	 * before it could reach the resolver.
	 * @return the address as {@link InetAddress#getHostAddress()} writes it, or empty
	 */
	public static Optional<String> canonical(String address) {
		return parse(address).map(InetAddress::getHostAddress);
	}

	private static Optional<InetAddress> parse(String address) {
		if (address == null) {
			return Optional.empty();
		}
		String literal = (address.startsWith("[") && address.endsWith("]")) ? address.substring(1, address.length() - 1)
				: address;
		if (!IPV4.matcher(literal).matches() && !IPV6.matcher(literal).matches()) {
			return Optional.empty();
		}
		try {
			return Optional.of(InetAddress.getByName(literal));
		}
		catch (UnknownHostException ex) {
			return Optional.empty();
		}
	}

}
