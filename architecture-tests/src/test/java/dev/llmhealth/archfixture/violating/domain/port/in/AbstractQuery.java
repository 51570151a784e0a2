package dev.llmhealth.archfixture.violating.domain.port.in;

/** A port that is an abstract class instead of an interface. */
public abstract class AbstractQuery {
    public abstract String read();
}
