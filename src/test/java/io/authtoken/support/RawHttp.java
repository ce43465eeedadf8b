package io.authtoken.support;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends raw bytes over a socket, for requests that an HTTP client library refuses to
 * build: malformed paths, bad headers, odd framing.
 */
public final class RawHttp {

	private RawHttp() {
	}

	/**
	 * Sends a request and returns the whole response, status line, headers and body, as
	 * text.
	 */
	public static String send(int port, String request) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			socket.setSoTimeout(10_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			socket.shutdownOutput();
			InputStream in = socket.getInputStream();
			ByteArrayOutputStream response = new ByteArrayOutputStream();
			in.transferTo(response);
			return response.toString(StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static int status(String response) {
		return Integer.parseInt(response.substring(9, 12));
	}

	public static String body(String response) {
		int start = response.indexOf("\r\n\r\n");
		return (start < 0) ? "" : response.substring(start + 4);
	}

}
