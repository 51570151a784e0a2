/**
 * Fixture: the project's layout, broken on purpose, once per rule. The architecture tests check
 * that every rule reports the class named after the way it breaks that rule. Never production code.
 */
package dev.llmhealth.archfixture.violating;
