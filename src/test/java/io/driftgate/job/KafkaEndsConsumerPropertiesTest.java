package io.driftgate.job;

import static io.driftgate.job.JobSettingsTest.kafkaJob;
import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

/** The Kafka settings every source of the job gets, from the job's configuration. */
class KafkaEndsConsumerPropertiesTest {

  @Test
  void pollsAreLargeReadsTransactionalAndDiscoveryRunsWhileUnbounded() {
    Configuration config = kafkaJob();

    assertThat(KafkaEnds.consumerProperties(JobSettings.from(config, true).kafka()))
        .containsEntry("max.poll.records", "5000")
        .containsEntry("isolation.level", "read_committed")
        .containsEntry("partition.discovery.interval.ms", "60000")
        .containsEntry("security.protocol", "PLAINTEXT");

    config.setString("driftgate.kafka.bounded", "true");
    assertThat(KafkaEnds.consumerProperties(JobSettings.from(config, true).kafka()))
        .doesNotContainKey("partition.discovery.interval.ms");
  }

  @Test
  void aUsersPassThroughSettingWinsOverTheDefault() {
    Configuration config = kafkaJob();
    config.setString("driftgate.kafka.properties.max.poll.records", "800");
    config.setString("driftgate.kafka.properties.fetch.max.bytes", "1048576");

    assertThat(KafkaEnds.consumerProperties(JobSettings.from(config, true).kafka()))
        .containsEntry("max.poll.records", "800")
        .containsEntry("fetch.max.bytes", "1048576")
        .containsEntry("isolation.level", "read_committed");
  }
}
