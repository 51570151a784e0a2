package dev.llmhealth.archfixture.compliant.domain.port.in;

import dev.llmhealth.archfixture.compliant.domain.model.Reading;
import java.util.List;

public interface ReadHealthQuery {
    List<Reading> readings();
}
