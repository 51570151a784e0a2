/**
 * Fixture: a small hexagon that follows every rule, so the tests can show the rules accept a
 * correct layout (including anonymous constants in ports). Never production code.
 */
package dev.llmhealth.archfixture.compliant;
