package io.authtoken.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends real HTTP requests to a service started on a random port, with full control over
 * the body and the headers, so that tests can send what a hostile client would.
 */
public final class ApiClient {

	public static final String ADMIN_TOKEN = "test-admin-token-0123456789abcdef";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final URI base;

	public ApiClient(int port) {
		this.base = URI.create("http://127.0.0.1:" + port);
	}

	public Response post(String path, String body) {
		return send(request(path).header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	public Response post(String path, String contentType, String body) {
		HttpRequest.Builder builder = request(path).POST(HttpRequest.BodyPublishers.ofString(body));
		if (contentType != null) {
			builder.header("Content-Type", contentType);
		}
		return send(builder);
	}

	public Response adminPost(String path, String body) {
		return send(
				admin(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
	}

	public Response adminPatch(String path, String contentType, String body) {
		return send(admin(path).header("Content-Type", contentType)
			.method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
	}

	public Response adminGet(String path) {
		return send(admin(path).GET());
	}

	public Response adminDelete(String path) {
		return send(admin(path).DELETE());
	}

	public Response send(HttpRequest.Builder builder) {
		try {
			HttpResponse<String> response = this.http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
			return new Response(response);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Request failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", ex);
		}
	}

	public HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(this.base.resolve(path)).timeout(Duration.ofSeconds(30));
	}

	private HttpRequest.Builder admin(String path) {
		return request(path).header("Authorization", "Bearer " + ADMIN_TOKEN);
	}

	/**
	 * Returns a JSON string literal for a value, escaped as JSON requires.
	 */
	public static String quote(String value) {
		return json.writeValueAsString(value);
	}

	/**
	 * A response with its body parsed as JSON when it is JSON.
	 */
	public record Response(HttpResponse<String> raw) {

		public int status() {
			return this.raw.statusCode();
		}

		public String body() {
			return this.raw.body();
		}

		public String header(String name) {
			return this.raw.headers().firstValue(name).orElse(null);
		}

		public JsonNode json() {
			return json.readTree(this.raw.body());
		}

		public String text(String field) {
			JsonNode value = json().get(field);
			return (value == null || value.isNull()) ? null : value.asString();
		}

		public String code() {
			return text("code");
		}

	}

}
