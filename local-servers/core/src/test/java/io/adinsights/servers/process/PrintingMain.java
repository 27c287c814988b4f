package io.adinsights.servers.process;

/** A child JVM's main class that prints its arguments, separated by "|". */
public final class PrintingMain {
    private PrintingMain() {}

    public static void main(String[] args) {
        System.out.println(String.join("|", args));
    }
}
