package io.authtoken.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Rejects request bodies over {@value #MAX_BODY_BYTES} bytes with 413, or over
 * {@value #MAX_IMPORT_BODY_BYTES} bytes for {@value #IMPORT_PATH}, whose body is a whole
 * list of credentials. A declared {@code Content-Length} is checked before anything is
 * read; a chunked body is counted as it is read and rejected at the first byte past the
 * limit.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
public class RequestBodyLimitFilter extends OncePerRequestFilter {

	/** The largest request body accepted, 16 KiB. */
	public static final int MAX_BODY_BYTES = 16 * 1024;

	/** The largest body accepted by {@value #IMPORT_PATH}, 1 MiB. */
	public static final int MAX_IMPORT_BODY_BYTES = 1024 * 1024;

	static final String IMPORT_PATH = "/admin/credentials/import";

	private final ProblemWriter problemWriter;

	RequestBodyLimitFilter(ProblemWriter problemWriter) {
		this.problemWriter = problemWriter;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		int limit = IMPORT_PATH.equals(request.getRequestURI()) ? MAX_IMPORT_BODY_BYTES : MAX_BODY_BYTES;
		if (request.getContentLengthLong() > limit) {
			response.setHeader("Connection", "close");
			this.problemWriter.write(request, response, ErrorCode.PAYLOAD_TOO_LARGE, detail(limit), List.of());
			return;
		}
		chain.doFilter(new LimitedRequest(request, limit), response);
	}

	private static String detail(int limit) {
		return "The request body exceeds the limit of " + limit + " bytes.";
	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final int limit;

		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, int limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (this.stream == null) {
				this.stream = new LimitedInputStream(super.getInputStream(), this.limit);
			}
			return this.stream;
		}

	}

	private static final class LimitedInputStream extends ServletInputStream {

		private final ServletInputStream delegate;

		private final int limit;

		private long count;

		LimitedInputStream(ServletInputStream delegate, int limit) {
			this.delegate = delegate;
			this.limit = limit;
		}

		@Override
		public int read() throws IOException {
			int value = this.delegate.read();
			if (value >= 0) {
				count(1);
			}
			return value;
		}

		@Override
		public int read(byte[] buffer, int offset, int length) throws IOException {
			int read = this.delegate.read(buffer, offset, length);
			if (read > 0) {
				count(read);
			}
			return read;
		}

		private void count(int bytes) {
			this.count += bytes;
			if (this.count > this.limit) {
				throw new ApiException(ErrorCode.PAYLOAD_TOO_LARGE, detail(this.limit));
			}
		}

		@Override
		public boolean isFinished() {
			return this.delegate.isFinished();
		}

		@Override
		public boolean isReady() {
			return this.delegate.isReady();
		}

		@Override
		public void setReadListener(ReadListener listener) {
			this.delegate.setReadListener(listener);
		}

	}

}
