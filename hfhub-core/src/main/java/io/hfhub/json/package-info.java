/**
 * JSON on jackson-core's streaming parser and generator alone (internal). hfhub reads small documents from
 * untrusted sources (Hub API answers, cache metadata files) and writes a few of its own; a tree of a few
 * node kinds is all it needs, and depending on jackson-core only, whose streaming API has been stable across
 * Jackson 2.x, spares applications that pin another Jackson version a databind clash.
 */
package io.hfhub.json;
