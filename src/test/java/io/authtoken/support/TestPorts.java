package io.authtoken.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Ports for servers that a test must start on a known port, such as a database it stops
 * and starts again at the same address.
 */
public final class TestPorts {

	private TestPorts() {
	}

	/**
	 * Returns a loopback port that nothing listened on a moment ago.
	 */
	public static int free() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
