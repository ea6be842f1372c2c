package io.fenliu.flink.internal;

import io.fenliu.flink.ShopRelationship;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Tells Flink's type extraction that a {@link ShopRelationship} has its own serializer (no Kryo). */
public final class ShopRelationshipTypeInfoFactory extends TypeInfoFactory<ShopRelationship> {
  /** For Flink, which instantiates factories by class. */
  public ShopRelationshipTypeInfoFactory() {}

  @Override
  public TypeInformation<ShopRelationship> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
    return Types.SHOP_RELATIONSHIP;
  }
}
