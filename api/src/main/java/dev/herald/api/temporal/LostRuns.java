package dev.herald.api.temporal;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Consumer;

/**
 * Runs of one kind that the embedded Temporal service lost with the last process (it keeps runs
 * in memory only), started again from what PostgreSQL holds. Against a Temporal cluster runs
 * survive a restart and none of this is used.
 */
public interface LostRuns {

    /** What is started again, in the plural: "sends", "automation runs". */
    String kind();

    /** Starts the lost runs again (each at the point PostgreSQL recorded) and answers how many. */
    int restart();

    /** Starts each lost run again; one that cannot start is logged and the others go on. Answers how many started. */
    static <T> int restartEach(List<T> lost, Consumer<T> restart) {
        int started = 0;
        for (T run : lost) {
            try {
                restart.accept(run);
                started++;
            } catch (RuntimeException e) {
                LoggerFactory.getLogger(LostRuns.class).warn("Could not start again: {}", run, e);
            }
        }
        return started;
    }
}
