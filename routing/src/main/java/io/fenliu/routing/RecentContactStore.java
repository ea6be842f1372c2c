package io.fenliu.routing;

import io.fenliu.core.AccountId;
import io.fenliu.core.BuyerId;
import io.fenliu.core.RecentContact;
import io.fenliu.core.ShopId;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a shop remembers which agent each buyer talked to last, for continuity (R18) and for a suspended
 * agent's recent buyers (R21). The host records the agent of every seated consultation and, when the buyer
 * comes back, states the answer on the {@link io.fenliu.core.Consultation} it routes.
 *
 * <p>Implementations must be thread-safe. Only the latest contact per buyer matters: recording an older
 * contact than the one held changes nothing, so feeds that arrive out of order are safe; on equal times the later
 * call wins. A store may forget contacts older than the longest window it is asked about (R18's), never newer ones.
 * {@code InMemoryRecentContactStore} serves one node; {@code fenliu-jdbc}'s store shares the contacts between nodes,
 * and {@code fenliu-testing}'s {@code RecentContactStoreContract} checks any implementation.
 */
public interface RecentContactStore {
  /** The shop whose buyers this store remembers. */
  ShopId shop();

  /** Records that {@code buyer} talked to {@code agent} at {@code at}, unless a later contact is held. */
  void record(BuyerId buyer, AccountId agent, Instant at);

  /**
   * The buyer's latest contact if it lies within {@code window} before {@code now} (and not after {@code
   * now}); empty otherwise.
   */
  Optional<RecentContact> recentContact(BuyerId buyer, Instant now, java.time.Duration window);
}
