/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the benchmark programs share: memory and CPU readings, the stall timer, and the demo
 * server in a thread of its own. */
#pragma once

#include <time.h>

#include <gio/gio.h>

#include "pb-demo-server.h"

G_BEGIN_DECLS

/* A field of /proc/self/status in kB ("VmRSS", "VmHWM"), or -1. */
gint64   pb_bench_read_status_kb (const char *key);
/* Resets VmHWM to the current RSS (Linux >= 4.0), so that the next peak is the load's own. */
gboolean pb_bench_reset_peak_rss (void);
/* Bytes the allocator hands out right now (all malloc arenas and mmapped blocks), in kB, or
 * -1 where that is not known. RSS minus this is what freed memory and fragmentation keep. */
gint64   pb_bench_heap_in_use_kb (void);
/* CPU time in µs of this thread (CLOCK_THREAD_CPUTIME_ID) or of the process
 * (CLOCK_PROCESS_CPUTIME_ID). */
gint64   pb_bench_cpu_time_us    (clockid_t clock);

/* A 1 ms timeout on the thread-default main context that records how much later than due it
 * runs: the longest stall of the main loop while it runs. */
typedef struct
{
  guint  id;
  gint64 last_tick;
  gint64 max_stall;  /* µs */
  guint  n_ticks;
} PbBenchStallTimer;

void pb_bench_stall_timer_start (PbBenchStallTimer *timer);
void pb_bench_stall_timer_stop  (PbBenchStallTimer *timer);

/* A PbDemoServer serving generated connections in a thread with its own GMainContext, so that
 * its work does not count as stalls of the client's main loop. */
typedef struct _PbBenchServer PbBenchServer;

PbBenchServer *pb_bench_server_start         (guint           n_connections,
                                              guint           latency,
                                              guint32         seed,
                                              GError        **error);
/* The same on a given port (0: a free one). */
PbBenchServer *pb_bench_server_start_on_port (guint           n_connections,
                                              guint           latency,
                                              guint32         seed,
                                              guint           port,
                                              GError        **error);
const char    *pb_bench_server_get_base_url  (PbBenchServer  *self);
const char    *pb_bench_server_get_token     (PbBenchServer  *self);
/* How long pb_demo_server_generate() took, µs. */
gint64         pb_bench_server_get_generate_us (PbBenchServer *self);
/* These ask the server thread and wait for its answer. */
guint          pb_bench_server_get_n_requests (PbBenchServer *self);
gint64         pb_bench_server_get_cpu_us     (PbBenchServer *self);
void           pb_bench_server_set_latency    (PbBenchServer *self,
                                               guint          latency);
/* Stops the server and its thread, and frees it. */
void           pb_bench_server_free          (PbBenchServer  *self);

/* Body bytes of the pages a client has to ask for to list n connections (limit=100 from
 * offset 0 on, while a page comes back full), fetched with a plain SoupSession; -1 on error.
 * Blocks: call it after the measurement. */
gint64   pb_bench_count_json_bytes (const char  *base_url,
                                    const char  *token,
                                    guint        n_connections,
                                    guint       *n_pages,
                                    GError     **error);

/* The first field of /proc/loadavg, or -1. */
double   pb_bench_load_average     (void);

G_END_DECLS
