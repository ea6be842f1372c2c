package io.fenliu.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fenliu.jackson.FenliuModule;
import io.fenliu.jackson3.FenliuJackson3Module;
import io.fenliu.routing.RoutingSettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.jackson2.autoconfigure.Jackson2AutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

/**
 * Boot's Jackson 3 and Jackson 2 mappers both write Fenliu's one documented shape (R22's durations as ISO-8601, for
 * instance), each module present only when its class is, and replaced by the application's own.
 */
class FenliuJacksonAutoConfigurationTest {
  private static final RoutingSettings SETTINGS = RoutingSettings.builder().maxQueueWait(Duration.ofMinutes(5))
      .build();

  // Boot 4 deprecates its Jackson 2 support for removal; applications still on it are the ones this checks.
  @SuppressWarnings("removal")
  private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
      AutoConfigurations.of(FenliuJacksonAutoConfiguration.class, JacksonAutoConfiguration.class,
          Jackson2AutoConfiguration.class));

  @Test
  void bootsJackson3AndJackson2MappersWriteTheSameShape() throws Exception {
    String expected = new ObjectMapper().registerModule(FenliuModule.create()).writeValueAsString(SETTINGS);
    runner.run(context -> {
      assertThat(context).hasSingleBean(FenliuJackson3Module.class).hasSingleBean(FenliuModule.class);
      String jackson3 = context.getBean(JsonMapper.class).writeValueAsString(SETTINGS);
      String jackson2 = context.getBean(ObjectMapper.class).writeValueAsString(SETTINGS);
      assertThat(jackson3).isEqualTo(expected).contains("\"maxQueueWait\":\"PT5M\"");
      assertThat(jackson2).isEqualTo(expected);
      assertThat(context.getBean(JsonMapper.class).readValue(jackson3, RoutingSettings.class)).isEqualTo(SETTINGS);
    });
  }

  @Test
  void withoutFenliuJackson3OnlyJackson2GetsTheModule() {
    runner.withClassLoader(new FilteredClassLoader(FenliuJackson3Module.class))
        .run(context -> assertThat(context).doesNotHaveBean(FenliuJackson3Module.class)
            .hasSingleBean(FenliuModule.class));
  }

  @Test
  void withoutFenliuJacksonNoJackson2Module() {
    runner.withClassLoader(new FilteredClassLoader(FenliuModule.class))
        .run(context -> assertThat(context).doesNotHaveBean(FenliuModule.class));
  }

  @Test
  void theApplicationsModulesReplaceOurs() {
    FenliuJackson3Module own3 = FenliuJackson3Module.create();
    FenliuModule own2 = FenliuModule.create();
    runner.withBean(FenliuJackson3Module.class, () -> own3).withBean(FenliuModule.class, () -> own2)
        .run(context -> {
          assertThat(context).getBean(FenliuJackson3Module.class).isSameAs(own3);
          assertThat(context).getBean(FenliuModule.class).isSameAs(own2);
        });
  }
}
