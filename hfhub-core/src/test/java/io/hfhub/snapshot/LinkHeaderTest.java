package io.hfhub.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinkHeaderTest {
    private static final String NEXT = "https://huggingface.co/api/models/a/b/tree/main?recursive=true&cursor=eyJ9";

    @Test
    void findsNextAmongSeveralLinks() {
        assertThat(LinkHeader.next("<" + NEXT + ">; rel=\"next\", <https://x/last>; rel=\"last\"")).isEqualTo(NEXT);
        assertThat(LinkHeader.next("<https://x/prev>; rel=\"prev\", <" + NEXT + ">; rel=\"next\"")).isEqualTo(NEXT);
    }

    @Test
    void toleratesSpacingBareValuesCaseAndMultipleRelations() {
        assertThat(LinkHeader.next("  < " + NEXT + " >;rel=next")).isEqualTo(NEXT);
        assertThat(LinkHeader.next("<" + NEXT + ">  ;  REL = \"NEXT\"")).isEqualTo(NEXT);
        assertThat(LinkHeader.next("<" + NEXT + ">; rel=\"last next\"")).isEqualTo(NEXT);
        assertThat(LinkHeader.next("<" + NEXT + ">; title=\"a, b\"; rel=\"next\"")).isEqualTo(NEXT);
        assertThat(LinkHeader.next("</api/x?c=1,2>; rel=\"next\"")).isEqualTo("/api/x?c=1,2");
    }

    @Test
    void noNextMeansLastPage() {
        assertThat(LinkHeader.next(null)).isNull();
        assertThat(LinkHeader.next("")).isNull();
        assertThat(LinkHeader.next("<https://x/last>; rel=\"last\"")).isNull();
        assertThat(LinkHeader.next("<https://x/n>; rel=\"nextish\"")).isNull();
        assertThat(LinkHeader.next("<https://x/broken; rel=\"next\"")).isNull();
        assertThat(LinkHeader.next("<https://x/a>; title=\"rel=next\"")).isNull();
    }
}
