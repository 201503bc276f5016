package io.driftgate.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP forwarder on a loopback port, to take a real server away from one test and give it back
 * without touching anyone else's connections: {@link #cut()} drops every forwarded connection and
 * stops listening (new connections are refused, as by a server that is down), {@link #restore()}
 * listens on the same port again.
 */
public final class TcpProxy implements AutoCloseable {

  private final InetSocketAddress target;
  private final int port;
  private final AtomicInteger accepted = new AtomicInteger();
  private final Set<Socket> open = new HashSet<>();
  private ServerSocket listener;

  /** Forwards a free loopback port to {@code host:port}. */
  public TcpProxy(String host, int port) throws IOException {
    this.target = new InetSocketAddress(host, port);
    this.listener = listen(0);
    this.port = listener.getLocalPort();
    startAccepting(listener);
  }

  /** The loopback port to connect to instead of the target's. */
  public int port() {
    return port;
  }

  /** Connections forwarded so far. */
  public int accepted() {
    return accepted.get();
  }

  /** Drops every forwarded connection and refuses new ones until {@link #restore()}. */
  public synchronized void cut() throws IOException {
    listener.close();
    for (Socket socket : open) {
      closeQuietly(socket);
    }
    open.clear();
  }

  /** Forwards new connections again, on the same port. */
  public synchronized void restore() throws IOException {
    listener = listen(port);
    startAccepting(listener);
  }

  @Override
  public void close() throws IOException {
    cut();
  }

  private static ServerSocket listen(int port) throws IOException {
    ServerSocket server = new ServerSocket();
    server.setReuseAddress(true);
    server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
    return server;
  }

  private void startAccepting(ServerSocket server) {
    daemon("tcp-proxy-accept-" + port, () -> accept(server));
  }

  private void accept(ServerSocket server) {
    while (true) {
      Socket client;
      try {
        client = server.accept();
      } catch (IOException closed) {
        return;
      }
      try {
        Socket upstream = new Socket();
        upstream.connect(target, 5_000);
        if (!track(server, client, upstream)) {
          return;
        }
        accepted.incrementAndGet();
        daemon("tcp-proxy-up-" + port, () -> pump(client, upstream));
        daemon("tcp-proxy-down-" + port, () -> pump(upstream, client));
      } catch (IOException e) {
        closeQuietly(client);
      }
    }
  }

  /** Remembers the pair for {@link #cut()}, unless the proxy was cut meanwhile. */
  private synchronized boolean track(ServerSocket server, Socket client, Socket upstream) {
    if (server.isClosed()) {
      closeQuietly(client);
      closeQuietly(upstream);
      return false;
    }
    open.add(client);
    open.add(upstream);
    return true;
  }

  private static void pump(Socket from, Socket to) {
    try (InputStream in = from.getInputStream();
        OutputStream out = to.getOutputStream()) {
      in.transferTo(out);
    } catch (IOException dropped) {
      // One side closed: close the other below, as a broken network path would.
    } finally {
      closeQuietly(from);
      closeQuietly(to);
    }
  }

  private static void daemon(String name, Runnable body) {
    Thread thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // Closing is all that was wanted.
    }
  }
}
