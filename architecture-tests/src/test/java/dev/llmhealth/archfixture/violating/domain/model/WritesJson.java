package dev.llmhealth.archfixture.violating.domain.model;

import com.fasterxml.jackson.databind.ObjectMapper;

/** Domain code rendering JSON with Jackson: a third-party dependency inside the hexagon. */
public final class WritesJson {
    public String render(Object value) throws Exception {
        return new ObjectMapper().writeValueAsString(value);
    }
}
