package io.fenliu.routing;

import io.fenliu.core.ConsultationId;
import io.fenliu.core.ShopId;
import io.fenliu.core.internal.Require;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * An {@link OpenConsultationStore} in memory (R20): what a single-node host, a test or a simulation keeps while
 * chats are open. It survives nothing a JVM does not survive; a host that must restore seats after a crash
 * keeps them in its database instead ({@code fenliu-jdbc}).
 *
 * <p>Thread-safe: every operation is atomic per consultation id. {@link #forEachOpen} sees each consultation
 * that stayed open during the whole call exactly once, and may or may not see one opened or closed meanwhile;
 * a restore runs before the new router takes chats, so nothing opens meanwhile.
 */
public final class InMemoryOpenConsultationStore implements OpenConsultationStore {
  private final ShopId shop;
  private final ConcurrentHashMap<ConsultationId, OpenConsultation> open = new ConcurrentHashMap<>();

  private InMemoryOpenConsultationStore(ShopId shop) {
    this.shop = shop;
  }

  /** An empty store for {@code shop}'s consultations. */
  public static InMemoryOpenConsultationStore of(ShopId shop) {
    return new InMemoryOpenConsultationStore(Require.notNull(shop, "shop"));
  }

  @Override
  public ShopId shop() {
    return shop;
  }

  @Override
  public void opened(OpenConsultation consultation) {
    Require.notNull(consultation, "consultation");
    open.put(consultation.id(), consultation);
  }

  @Override
  public boolean closed(ConsultationId id) {
    return open.remove(Require.notNull(id, "consultation id")) != null;
  }

  @Override
  public void forEachOpen(Consumer<? super OpenConsultation> sink) {
    Require.notNull(sink, "sink");
    open.values().forEach(sink);
  }

  /** How many consultations are open now. */
  public int size() {
    return open.size();
  }
}
