package io.authtoken.support;

/**
 * Reads the messages of an exception and its causes, for tests that check what a failed
 * startup reports.
 */
public final class ExceptionMessages {

	private ExceptionMessages() {
	}

	/**
	 * Returns the message of the exception and of each cause, one a line.
	 */
	public static String of(Throwable exception) {
		StringBuilder messages = new StringBuilder();
		for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
			messages.append(cause.getMessage()).append('\n');
		}
		return messages.toString();
	}

}
