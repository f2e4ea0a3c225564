/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>
#include <json-glib/json-glib.h>

#include "pb-connection-page.h"
#include "pb-page-property.h"

G_BEGIN_DECLS

/* The set-up test-connection-page.c and test-connection-page-tables.c share: a window with a
 * connection page in a toast overlay, and what a person reads on it. */

typedef struct
{
  GtkWindow        *window;
  AdwToastOverlay  *overlay;
  PbConnectionPage *page;
  PbConnection     *connection; /* the one fixture_show() shows; tear-down checks it is freed */
  guint             reloads;    /* activations of win.reload-connection */
} Fixture;

/* g_test_add() set-up and tear-down: the window is presented; at the end the page and the
 * connection shown must be freed. */
void            fixture_set_up        (Fixture       *fixture,
                                       gconstpointer  data);
void            fixture_tear_down     (Fixture       *fixture,
                                       gconstpointer  data);
/* Adds a test case that runs in the fixture. */
#define fixture_add_test(path, func) \
  g_test_add ((path), Fixture, NULL, fixture_set_up, (func), fixture_tear_down)

/* Shows `connection` (the fixture takes the reference) and waits until the page is drawn. */
void            fixture_show          (Fixture       *fixture,
                                       PbConnection  *connection);
/* fixture_show() of the connection of a JSON text. */
void            fixture_show_text     (Fixture       *fixture,
                                       const char    *text);
/* Takes the connection off the page and checks that it is freed; the window stays. */
void            fixture_release       (Fixture       *fixture);

/* Whether the page is mapped with every table row made. */
gboolean        page_is_ready         (gpointer       data);

/* Everything the page shows: labels, text views and (with `tooltips`) tooltips. */
GPtrArray      *page_texts            (Fixture       *fixture,
                                       gboolean       tooltips);
/* The mapped row of the page with this title; fails the test without one. */
PbPageProperty *find_row              (Fixture       *fixture,
                                       const char    *title);
/* The button of the page for the action; fails the test without one. */
GtkWidget      *find_button           (Fixture       *fixture,
                                       const char    *action_name);
/* Clicks the copy button of the row with this title; fails the test without one. */
void            click_copy_of_row     (Fixture       *fixture,
                                       const char    *title);
/* The texts one row shows. */
GPtrArray      *row_texts             (Fixture       *fixture,
                                       const char    *title);
/* The texts of the mapped labels and text views at or below `widget`. */
void            collect_texts         (GtkWidget     *widget,
                                       GPtrArray     *texts,
                                       gboolean       tooltips);
gboolean        texts_contain         (GPtrArray     *texts,
                                       const char    *needle);
gboolean        texts_have            (GPtrArray     *texts,
                                       const char    *text);
/* Asserts that the row shows JSON equal to `expected` (pretty-printed or not). */
void            assert_row_shows_json (Fixture       *fixture,
                                       const char    *title,
                                       JsonNode      *expected);
/* The text on the page's clipboard. */
char           *read_clipboard        (Fixture       *fixture);

JsonNode       *parse_json            (const char    *text);
char           *node_to_text          (JsonNode      *node);
PbConnection   *connection_from_text  (const char    *text);

#define assert_shows(texts, needle)                                                  \
  G_STMT_START {                                                                     \
    if (!texts_contain ((texts), (needle)))                                          \
      g_error ("The page does not show “%s”", (needle));                             \
  } G_STMT_END

#define assert_not_shows(texts, needle)                                              \
  G_STMT_START {                                                                     \
    if (texts_contain ((texts), (needle)))                                           \
      g_error ("The page shows “%s”", (needle));                                     \
  } G_STMT_END

G_END_DECLS
