/* LD_PRELOAD for slow_handlers' start-up test: every thread naming and
 * scheduling-policy change waits 200 ms first, so that a `serve` that says
 * "Listening on" before its threads are named and set up is caught every
 * time, not only when the machine happens to be slow. (Exported by name:
 * the project builds with hidden visibility.) */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <pthread.h>
#include <sched.h>
#include <time.h>

static void wait_a_while(void) {
    const struct timespec pause = {0, 200L * 1000L * 1000L};
    nanosleep(&pause, NULL);
}

__attribute__((visibility("default"))) int pthread_setname_np(pthread_t thread, const char *name) {
    int (*next)(pthread_t, const char *) =
        (int (*)(pthread_t, const char *))dlsym(RTLD_NEXT, "pthread_setname_np");
    wait_a_while();
    return next(thread, name);
}

__attribute__((visibility("default"))) int sched_setscheduler(pid_t pid, int policy,
                                                              const struct sched_param *param) {
    int (*next)(pid_t, int, const struct sched_param *) =
        (int (*)(pid_t, int, const struct sched_param *))dlsym(RTLD_NEXT, "sched_setscheduler");
    wait_a_while();
    return next(pid, policy, param);
}
