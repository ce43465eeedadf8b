package io.authtoken.web;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The client address that the lockout and the rate limit count, in one canonical
 * spelling. It is the connection's peer, or the address from {@code X-Forwarded-For} when
 * the connection comes from a trusted proxy, as Tomcat's remote IP valve sets it.
 */
public final class ClientAddress {

	private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

	/** Hex digits and colons with at least one colon, optionally an IPv4 tail. */
	private static final Pattern IPV6 = Pattern
		.compile("[0-9A-Fa-f]{0,4}(:[0-9A-Fa-f]{0,4}){1,7}(:\\d{1,3}(\\.\\d{1,3}){3})?");

	private ClientAddress() {
	}

	/**
	 * Returns the client address, with IPv6 written out in full, so that one address has
	 * one spelling.
	 * @throws ApiException {@code invalid_request} when a trusted proxy forwarded
	 * something that is not an IP address
	 */
	public static String of(HttpServletRequest request) {
		return canonical(request.getRemoteAddr()).orElseThrow(() -> new ApiException(ErrorCode.INVALID_REQUEST,
				"The client address forwarded in X-Forwarded-For is not an IP address."));
	}

	/**
	 * Parses an IP address literal, IPv4 in dotted form or IPv6, optionally in brackets,
	 * without any name lookup: a value of another shape, such as a host name, is rejected
	 * before it could reach the resolver.
	 * @return the address as {@link InetAddress#getHostAddress()} writes it, or empty
	 */
	public static Optional<String> canonical(String address) {
		if (address == null) {
			return Optional.empty();
		}
		String literal = (address.startsWith("[") && address.endsWith("]")) ? address.substring(1, address.length() - 1)
				: address;
		if (!IPV4.matcher(literal).matches() && !IPV6.matcher(literal).matches()) {
			return Optional.empty();
		}
		try {
			return Optional.of(InetAddress.getByName(literal).getHostAddress());
		}
		catch (UnknownHostException ex) {
			return Optional.empty();
		}
	}

}
