package io.authtoken.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;

/**
 * Replaces Tomcat's HTML error page for requests rejected before they reach the
 * application, such as a malformed path or header. The answer is a problem detail without
 * the server name, the stack trace or the request's content.
 */
public class ProblemErrorReportValve extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable throwable) {
		int status = response.getStatus();
		if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		ErrorCode errorCode = ErrorCode.forStatus(status);
		// The request never reached the request id filter, and its headers may be the
		// malformed part, so the id is always a new one.
		String requestId = RequestIdFilter.generate();
		String body = "{\"type\":\"" + errorCode.type() + "\",\"title\":\"" + errorCode.title() + "\",\"status\":"
				+ status + ",\"detail\":\"The server rejected the request as malformed.\",\"code\":\""
				+ errorCode.code() + "\",\"requestId\":\"" + requestId + "\"}";
		try {
			response.setContentType(ProblemWriter.PROBLEM_JSON);
			response.setHeader(RequestIdFilter.HEADER, requestId);
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			response.setHeader("Cache-Control", "no-store");
			response.setHeader("X-Content-Type-Options", "nosniff");
			Writer writer = response.getReporter();
			if (writer != null) {
				writer.write(body);
				response.finishResponse();
			}
		}
		catch (IOException | IllegalStateException ex) {
			// The connection is gone or the response was committed meanwhile: nothing to
			// send.
		}
	}

}
