package io.fenliu.flink.internal;

import io.fenliu.flink.ShopReport;
import java.lang.reflect.Type;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.TypeInfoFactory;
import org.apache.flink.api.common.typeinfo.TypeInformation;

/** Tells Flink's type extraction that a {@link ShopReport} has its own serializer (no Kryo). */
public final class ShopReportTypeInfoFactory extends TypeInfoFactory<ShopReport> {
  /** For Flink, which instantiates factories by class. */
  public ShopReportTypeInfoFactory() {}

  @Override
  public TypeInformation<ShopReport> createTypeInfo(Type t, Map<String, TypeInformation<?>> genericParameters) {
    return Types.SHOP_REPORT;
  }
}
