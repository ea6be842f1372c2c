package io.fenliu.routing;

import io.fenliu.core.ConsultationId;
import io.fenliu.core.ShopId;
import java.util.function.Consumer;

/**
 * Where a shop keeps its open consultations (R20), so that a router restarted after a crash can be handed the
 * seats still held. The host writes {@link #opened} when a consultation is seated and {@link #closed} when it
 * ends; after a restart it reads {@link #forEachOpen} into the new router.
 *
 * <p>Implementations must be thread-safe; {@code opened} for an id already open replaces its row (a transfer
 * moves the seat), and {@code closed} for an unknown id returns false and changes nothing, so a host may retry
 * either after a failure. {@code InMemoryOpenConsultationStore} serves one node; {@code fenliu-jdbc}'s store
 * survives restarts, and {@code fenliu-testing}'s {@code OpenConsultationStoreContract} checks any implementation.
 */
public interface OpenConsultationStore {
  /** The shop whose consultations this store holds. */
  ShopId shop();

  /** Records that {@code consultation} holds a seat, replacing any earlier row of the same id. */
  void opened(OpenConsultation consultation);

  /** Removes the consultation; whether it was open. */
  boolean closed(ConsultationId id);

  /** Hands every open consultation to {@code sink}, without loading them all at once. */
  void forEachOpen(Consumer<? super OpenConsultation> sink);
}
