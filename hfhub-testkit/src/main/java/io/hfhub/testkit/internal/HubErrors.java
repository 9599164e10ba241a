package io.hfhub.testkit.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/**
 * Error responses shaped like the Hub's: a JSON body {@code {"error": "..."}} plus the {@code
 * X-Error-Code} and {@code X-Error-Message} headers the Python client maps to exception types, and
 * an {@code X-Request-Id} it quotes in messages.
 */
public final class HubErrors {
  private static final ObjectMapper JSON = new ObjectMapper();

  private HubErrors() {}

  /**
   * An error response.
   *
   * @param status the HTTP status
   * @param code the {@code X-Error-Code} value, or null for none
   * @param message the human message
   */
  public static HttpResponse error(int status, String code, String message) {
    ObjectNode body = JSON.createObjectNode().put("error", message);
    HttpResponse response = HttpResponse.status(status)
        .header("Content-Type", "application/json; charset=utf-8")
        .header("X-Request-Id", UUID.randomUUID().toString());
    if (code != null) {
      response.header("X-Error-Code", code);
    }
    response.header("X-Error-Message", headerSafe(message));
    return response.body(ResponseBody.of(body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  /** Header values must stay printable ASCII; anything else becomes {@code ?}. */
  static String headerSafe(String value) {
    StringBuilder out = new StringBuilder(value.length());
    for (char c : value.toCharArray()) {
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.toString();
  }
}
