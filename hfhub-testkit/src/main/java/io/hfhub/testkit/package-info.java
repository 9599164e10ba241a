/**
 * An embedded Hugging Face Hub emulator for tests: {@link io.hfhub.testkit.HubServer} runs a Hub
 * server and a CDN server on loopback HTTP, serves repos built with {@link
 * io.hfhub.testkit.RepoBuilder}, records every request ({@link io.hfhub.testkit.RecordedRequest})
 * and injects faults ({@link io.hfhub.testkit.Faults}). {@link io.hfhub.testkit.HubServerExtension}
 * gives each JUnit 5 test a fresh server.
 */
package io.hfhub.testkit;
