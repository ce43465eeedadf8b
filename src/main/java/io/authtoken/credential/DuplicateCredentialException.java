package io.authtoken.credential;

/**
 * Thrown when a credential is inserted with a key that already exists.
 */
class DuplicateCredentialException extends RuntimeException {

	DuplicateCredentialException(String key, Throwable cause) {
		super("A credential with key '" + key + "' already exists", cause);
	}

}
