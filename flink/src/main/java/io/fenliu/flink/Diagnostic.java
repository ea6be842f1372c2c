package io.fenliu.flink;

import io.fenliu.core.ShopId;
import io.fenliu.flink.internal.DiagnosticTypeInfoFactory;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.jspecify.annotations.Nullable;

/**
 * A log entry the router job did not apply, or applied with a warning, and why (R25); the job's diagnostics side
 * output ({@link RouterJob#DIAGNOSTICS}). Every kind is also counted in a metric of the router operator. The health
 * job ({@link HealthJob#DIAGNOSTICS}, R9) reports its bad entries with the same kinds: {@code MALFORMED} (not an
 * event, another shop's, or a change naming the main account), {@code UNKNOWN_SHOP}, and {@code DUPLICATE} (a
 * sequence not above the last one applied to the agent).
 */
@TypeInfo(DiagnosticTypeInfoFactory.class)
public final class Diagnostic {
  /** Why the entry is reported. */
  public enum Kind {
    /** Its sequence is not above the last one applied for the shop: a redelivery, dropped (R25). */
    DUPLICATE,
    /** Its JSON is not a valid event, names another shop, or states no time and had no timestamp: dropped. */
    MALFORMED,
    /** The shop has no state and the loader knows no such shop: dropped, its sequence not recorded. */
    UNKNOWN_SHOP,
    /**
     * Applied, but its time is at or before the watermark: a timer may already have advanced the shop past it, and
     * then it is applied as of the shop's time (R25), which a replay of the log would not do.
     */
    LATE
  }

  private final Kind kind;
  private final ShopId shop;
  private final long sequence;
  private final String detail;

  private Diagnostic(Kind kind, ShopId shop, long sequence, String detail) {
    this.kind = kind;
    this.shop = shop;
    this.sequence = sequence;
    this.detail = detail;
  }

  /**
   * A diagnostic.
   *
   * @throws NullPointerException if an argument is null
   */
  public static Diagnostic of(Kind kind, ShopId shop, long sequence, String detail) {
    return new Diagnostic(Objects.requireNonNull(kind, "kind"), Objects.requireNonNull(shop, "shop"), sequence,
        Objects.requireNonNull(detail, "detail"));
  }

  /** Why the entry is reported. */
  public Kind kind() {
    return kind;
  }

  /** The entry's shop. */
  public ShopId shop() {
    return shop;
  }

  /** The entry's sequence. */
  public long sequence() {
    return sequence;
  }

  /** What was wrong, in words: the parser's or the library's message, or the sequences compared. */
  public String detail() {
    return detail;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof Diagnostic d && kind == d.kind && shop.equals(d.shop) && sequence == d.sequence
        && detail.equals(d.detail);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, shop, sequence, detail);
  }

  @Override
  public String toString() {
    return "Diagnostic[" + kind + " " + shop + " #" + sequence + ": " + detail + "]";
  }
}
