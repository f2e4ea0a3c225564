/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Scaffolding every test program shares (no GTK): fixtures, waits, finalization checks.
 * The waits run the thread-default main context (the global default one unless a thread
 * pushed its own), and give up after PB_TEST_WAIT_LIMIT_SECONDS, a bound only a broken test
 * reaches. */

#define PB_TEST_WAIT_LIMIT_SECONDS 60

typedef gboolean (*PbTestCondition) (gpointer data);

/* Hands GAsyncReadyCallback results to a test: pass pb_test_waiter_cb and &waiter, then wait. */
typedef struct
{
  GAsyncResult *result;
} PbTestWaiter;

/* The contents of tests/fixtures/`name` (NUL-terminated); fails the test when it cannot. */
char         *pb_test_read_fixture       (const char      *name);

/* JSON written with single quotes, for tests that spell documents inline: `text` with every '
 * made ". Free with g_free(). */
char         *pb_test_json               (const char      *text);

/* In a subprocess that a test started with LANGUAGE set to a language code ("de"): reads the
 * catalogs of this build in that language (in its locale where there is one). Returns the
 * code. */
const char   *pb_test_use_build_catalogs (void);

/* Runs the main context for `milliseconds`, whatever happens meanwhile. */
void          pb_test_spin               (guint            milliseconds);

/* Runs the main context until condition (data) holds; g_error naming `what` if it never does. */
void          pb_test_wait_until         (PbTestCondition  condition,
                                          gpointer         data,
                                          const char      *what);

/* Like pb_test_wait_until(), but returns FALSE instead of failing after `seconds`. */
gboolean      pb_test_wait_until_limit   (PbTestCondition  condition,
                                          gpointer         data,
                                          guint            seconds);

/* Runs the main context until *flag is TRUE. */
void          pb_test_wait_for_flag      (gboolean        *flag);

/* Conditions for pb_test_wait_until(): whether the pointer at `data` is NULL / not NULL. */
gboolean      pb_test_is_null            (gpointer         data);
gboolean      pb_test_is_not_null        (gpointer         data);

/* A GAsyncReadyCallback that keeps a reference to the result in the PbTestWaiter user_data. */
void          pb_test_waiter_cb          (GObject         *source,
                                          GAsyncResult    *result,
                                          gpointer         user_data);

/* Runs the main context until the waiter holds a result and returns it (the waiter owns it). */
GAsyncResult *pb_test_waiter_wait        (PbTestWaiter    *waiter);

/* Drops the waiter's result, so that it can wait again. */
void          pb_test_waiter_clear       (PbTestWaiter    *waiter);

/* Drops the caller's (last) reference and runs the main context until `object` is freed by the
 * callbacks still holding it; returns FALSE if it outlives `seconds`. */
gboolean      pb_test_unref_and_wait_finalized (gpointer  object,
                                                guint     seconds);

/* pb_test_unref_and_wait_finalized() that fails the test when the object is not freed. */
void          pb_test_assert_finalized   (gpointer         object);

/* For a missing tool, keyring or locale: skips the test, or fails it when the environment
 * variable CI is set (a broken CI machine must not pass as "skipped"). Return after it. */
void          pb_test_skip_or_fail       (const char      *reason);

/* Keeps every line the process logs from now on (debug included, which it turns on, and
 * prints no more), for pb_test_logs_contain(). Call it once, after g_test_init(). */
void          pb_test_capture_logs       (void);
/* Whether a line logged since pb_test_capture_logs() holds `text`. */
gboolean      pb_test_logs_contain       (const char      *text);

/* The first regular file at or below `folder` whose contents hold `text` (NULL: none; a
 * missing folder has none). Free with g_free(). */
char         *pb_test_find_file_with     (const char      *folder,
                                          const char      *text);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PbTestWaiter, pb_test_waiter_clear)

G_END_DECLS
