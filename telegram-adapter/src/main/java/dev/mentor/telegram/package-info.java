/**
 * The Telegram adapter: turns Telegram updates into core messages and renders core replies as
 * Telegram HTML. Its behaviour arrives with the Telegram issue; the module exists now so the
 * build and the dependency direction (adapter depends on core, never the reverse) are fixed.
 */
package dev.mentor.telegram;
