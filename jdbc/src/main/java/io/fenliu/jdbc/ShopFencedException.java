package io.fenliu.jdbc;

import io.fenliu.core.ShopId;
import io.fenliu.core.internal.Require;
import org.jspecify.annotations.Nullable;

/**
 * A {@link DurableRouter} lost its shop (R26): another process took the shop with a higher owner epoch, so this
 * router's write was refused and nothing of it was written. The router refuses every later call the same way; the
 * shop's events belong to its new owner now. A stalled or partitioned old owner learns it this way, the first time
 * it tries to write, and can never double a seat or overwrite what the new owner wrote.
 *
 * <p>An {@link IllegalStateException}: the call was fine, the router's state (no longer the owner) forbids it. Map it
 * to "not the owner" (e.g. HTTP 409, or a redirect to the shop's owner), never retry it on this router.
 */
public final class ShopFencedException extends IllegalStateException {
  private static final long serialVersionUID = 1L;

  private final ShopId shop;
  private final long epoch;
  private final long currentEpoch;

  /**
   * A refused write.
   *
   * @param shop the shop
   * @param epoch the epoch this router took the shop with
   * @param currentEpoch the shop's epoch in the database, higher than {@code epoch}; or 0 if the shop's row is gone
   * @param cause the driver's exception that revealed it, or null
   * @throws NullPointerException if {@code shop} is null
   * @throws io.fenliu.core.InvalidValueException if {@code epoch} is below 1, or {@code currentEpoch} is neither 0
   *     nor higher than {@code epoch} (such a write is not fenced)
   */
  public ShopFencedException(ShopId shop, long epoch, long currentEpoch, @Nullable Throwable cause) {
    super(message(Require.notNull(shop, "shop"), epoch, currentEpoch), cause);
    Require.argument(epoch >= 1, "epoch", "R26", "an owner epoch is at least 1: %s", epoch);
    Require.argument(currentEpoch == 0 || currentEpoch > epoch, "current epoch", "R26",
        "a write is fenced only by a higher epoch (or a deleted shop): %s", currentEpoch + " vs " + epoch);
    this.shop = shop;
    this.epoch = epoch;
    this.currentEpoch = currentEpoch;
  }

  private static String message(ShopId shop, long epoch, long currentEpoch) {
    return "shop " + shop + " was taken by a newer owner (R26): this router holds epoch " + epoch + ", the database "
        + (currentEpoch == 0 ? "no longer has the shop" : "epoch " + currentEpoch) + "; nothing was written, and this "
        + "router refuses every further event: send the shop's events to its current owner";
  }

  /** The shop. */
  public ShopId shop() {
    return shop;
  }

  /** The epoch the refused router held. */
  public long epoch() {
    return epoch;
  }

  /** The shop's epoch when the write was refused: the newer owner's (0 if the shop's row was deleted). */
  public long currentEpoch() {
    return currentEpoch;
  }
}
