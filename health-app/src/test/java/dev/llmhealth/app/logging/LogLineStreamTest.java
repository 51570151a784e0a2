package dev.llmhealth.app.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** Main's printed lines as log records (JSON mode): one record a line, its errors at ERROR. */
class LogLineStreamTest {

    @Test
    void eachLineBecomesOneRecordAndMainsErrorLinesAreSevere() {
        Logger logger = Logger.getLogger("test.LogLineStreamTest");
        logger.setUseParentHandlers(false);
        List<LogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                records.add(record);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(capture);
        try (PrintStream console = new PrintStream(new LogLineStream(logger), true, StandardCharsets.UTF_8)) {
            console.println("health-app listening on http://0.0.0.0:4000 (litellm_version 1.50.0)");
            console.print("health-app: failed to start: BindException: Address in use {0}\r\n");
            console.println();
            console.print("half a line");
            assertEquals(2, records.size(), "a blank line is no record, half a line waits");
        } finally {
            logger.removeHandler(capture);
        }
        assertEquals(List.of(Level.INFO, Level.SEVERE, Level.INFO), records.stream().map(LogRecord::getLevel).toList());
        assertEquals(List.of("health-app listening on http://0.0.0.0:4000 (litellm_version 1.50.0)",
                "health-app: failed to start: BindException: Address in use {0}", "half a line"),
                records.stream().map(LogRecord::getMessage).toList());
    }
}
