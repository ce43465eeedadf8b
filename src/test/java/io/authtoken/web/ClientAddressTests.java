package io.authtoken.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The address that the lockout and the rate limit count for each kind of client address.
 */
class ClientAddressTests {

	@Test
	void ipv4CountedAsItIs() {
		assertThat(ClientAddress.counted("198.51.100.7")).contains("198.51.100.7");
	}

	@Test
	void ipv4MappedIpv6CountedAsIpv4() {
		assertThat(ClientAddress.counted("::ffff:198.51.100.7")).contains("198.51.100.7");
	}

	@Test
	void nat64AddressCountedAsItsIpv4() {
		assertThat(ClientAddress.counted("64:ff9b::203.0.113.1")).contains("203.0.113.1");
		assertThat(ClientAddress.counted("64:ff9b::cb00:7102")).contains("203.0.113.2");
		assertThat(ClientAddress.counted("64:ff9b:1::1")).contains("64:ff9b:1:0:0:0:0:0/64");
	}

	@Test
	void ipv6CountedAsItsPrefix() {
		assertThat(ClientAddress.counted("2001:db8:1:2:3:4:5:6")).contains("2001:db8:1:2:0:0:0:0/64");
		assertThat(ClientAddress.counted("[2001:DB8:1:2::ffff]")).contains("2001:db8:1:2:0:0:0:0/64");
		assertThat(ClientAddress.counted("::1")).contains("0:0:0:0:0:0:0:0/64");
	}

	@Test
	void notAnAddressCountedAsNothing() {
		assertThat(ClientAddress.counted("example.org")).isEmpty();
		assertThat(ClientAddress.counted("10.0.0.1:80")).isEmpty();
		assertThat(ClientAddress.counted(null)).isEmpty();
	}

}
