/**
 * The Discord adapter: turns Discord interactions into core messages and renders core replies as
 * embeds. Its behaviour arrives with the Discord issue; the module exists now so the build and
 * the dependency direction (adapter depends on core, never the reverse) are fixed.
 */
package dev.mentor.discord;
