package dev.herald.api.temporal;

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
}
