package io.driftgate.notify;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Posts one request and returns the answer's status: the dispatcher's only contact with the
 * network, so that tests can answer for a webhook ({@link JdkHttpSender} in the job).
 */
@FunctionalInterface
public interface HttpSender {

  /**
   * @return the HTTP status of the answer
   * @throws java.net.ConnectException or {@link java.net.http.HttpConnectTimeoutException} when no
   *     connection was made: nothing was sent
   * @throws IOException when the request may have been sent but no answer came (a timeout, a
   *     connection lost mid-way)
   * @throws InterruptedException when the calling thread is interrupted
   */
  int post(URI uri, Map<String, String> headers, String body, Duration timeout)
      throws IOException, InterruptedException;
}
