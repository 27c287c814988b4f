package io.adinsights.batch;

import java.util.Arrays;
import java.util.List;
import scala.collection.JavaConverters;
import scala.collection.Seq;

/** Java lists as the Scala sequences that Spark's and Deequ's Scala APIs take. */
public final class ScalaSeqs {

    private ScalaSeqs() {
    }

    @SafeVarargs
    public static <T> Seq<T> of(T... values) {
        return of(Arrays.asList(values));
    }

    public static <T> Seq<T> of(List<T> values) {
        return JavaConverters.asScalaBufferConverter(values).asScala().toList();
    }
}
