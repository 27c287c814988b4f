package io.adinsights.servers.process;

/** A child JVM's main class that says it runs, then runs until it is stopped. */
public final class SleepingMain {
    private SleepingMain() {}

    public static void main(String[] args) throws InterruptedException {
        System.out.println("sleeping");
        Thread.sleep(Long.MAX_VALUE);
    }
}
