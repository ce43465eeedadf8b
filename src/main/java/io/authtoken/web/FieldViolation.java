package io.authtoken.web;

/**
 * One entry of a problem's {@code errors} member.
 *
 * @param field the request field at fault, as named in the JSON body or query
 * @param message what is wrong with it, without its value
 */
public record FieldViolation(String field, String message) {

}
