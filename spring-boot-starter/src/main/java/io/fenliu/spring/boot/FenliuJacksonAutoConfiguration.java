package io.fenliu.spring.boot;

import io.fenliu.jackson.FenliuModule;
import io.fenliu.jackson3.FenliuJackson3Module;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Offers Fenliu's one documented JSON shape (fenliu-jackson's README; R25's event log included) to whichever Jackson
 * Spring Boot configures: Boot collects module beans into the mappers it builds.
 *
 * <ul>
 *   <li>Jackson 3 (Boot 4's default, {@code tools.jackson}): a {@link FenliuJackson3Module} bean, when
 *       fenliu-jackson3 is on the class path;
 *   <li>Jackson 2 ({@code com.fasterxml.jackson}, Boot's {@code spring-boot-jackson2}): a {@link FenliuModule}
 *       bean, when fenliu-jackson is on the class path.
 * </ul>
 *
 * Both write the same JSON, from one copy of the mapping (fenliu-jackson3 delegates to fenliu-jackson). Each backs
 * off when the application defines a bean of the same type. Ordered before Boot's Jackson auto-configurations so
 * that the modules exist when the mappers are built.
 */
@AutoConfiguration(beforeName = {
    "org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration",
    "org.springframework.boot.jackson2.autoconfigure.Jackson2AutoConfiguration"})
public class FenliuJacksonAutoConfiguration {
  /** Jackson 3. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({FenliuJackson3Module.class, tools.jackson.databind.JacksonModule.class})
  static class Jackson3 {
    @Bean
    @ConditionalOnMissingBean(FenliuJackson3Module.class)
    FenliuJackson3Module fenliuJackson3Module() {
      return FenliuJackson3Module.create();
    }
  }

  /** Jackson 2. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass({FenliuModule.class, com.fasterxml.jackson.databind.Module.class})
  static class Jackson2 {
    @Bean
    @ConditionalOnMissingBean(FenliuModule.class)
    FenliuModule fenliuJackson2Module() {
      return FenliuModule.create();
    }
  }
}
