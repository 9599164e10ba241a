package io.hfhub.testkit;
/** placeholder */ final class Placeholder {}
