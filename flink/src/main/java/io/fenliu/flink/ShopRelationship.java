package io.fenliu.flink;

import io.fenliu.core.ExclusiveRelationship;
import io.fenliu.core.ShopId;
import io.fenliu.flink.internal.ShopRelationshipTypeInfoFactory;
import java.util.Objects;
import org.apache.flink.api.common.typeinfo.TypeInfo;
import org.jspecify.annotations.Nullable;

/**
 * One exclusive relationship of a shop (R1), as a record of the anomaly report job ({@link AnomalyReportJob}), with
 * a serializer of its own (no Kryo).
 */
@TypeInfo(ShopRelationshipTypeInfoFactory.class)
public final class ShopRelationship {
  private final ShopId shop;
  private final ExclusiveRelationship relationship;

  private ShopRelationship(ShopId shop, ExclusiveRelationship relationship) {
    this.shop = shop;
    this.relationship = relationship;
  }

  /**
   * {@code relationship}, of {@code shop}.
   *
   * @throws NullPointerException if an argument is null
   */
  public static ShopRelationship of(ShopId shop, ExclusiveRelationship relationship) {
    return new ShopRelationship(Objects.requireNonNull(shop, "shop"),
        Objects.requireNonNull(relationship, "relationship"));
  }

  /** The shop. */
  public ShopId shop() {
    return shop;
  }

  /** The relationship. */
  public ExclusiveRelationship relationship() {
    return relationship;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ShopRelationship r && shop.equals(r.shop) && relationship.equals(r.relationship);
  }

  @Override
  public int hashCode() {
    return Objects.hash(shop, relationship);
  }

  @Override
  public String toString() {
    return "ShopRelationship[" + shop + " " + relationship + "]";
  }
}
