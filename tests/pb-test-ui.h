/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "pb-test-util.h"
#include "pb-window.h"

G_BEGIN_DECLS

/* Scaffolding of the UI tests: finding what is on screen, clicking, waiting for a window. */

/* Whether a widget found by type is the one wanted; `data` is what the finder was given. */
typedef gboolean (*PbTestWidgetMatch) (GtkWidget     *widget,
                                       gconstpointer  data);

/* The first mapped widget of `type` at or below `root` for which `match` (NULL: any) holds. */
GtkWidget *pb_test_find_widget          (GtkWidget         *root,
                                         GType              type,
                                         PbTestWidgetMatch  match,
                                         gconstpointer      data);

/* The first widget of `type` at or below `root`, mapped or not. */
GtkWidget *pb_test_find_by_type         (GtkWidget         *root,
                                         GType              type);

/* The first widget at or below `root` with the CSS class, mapped or not. */
GtkWidget *pb_test_find_by_css_class    (GtkWidget         *root,
                                         const char        *css_class);

/* The first widget at or below `root` whose gtk_widget_get_name() is `name`, mapped or not. */
GtkWidget *pb_test_find_by_name         (GtkWidget         *root,
                                         const char        *name);

/* Every widget of `type` at or below `root`, mapped or not, in tree order (not owned). */
GPtrArray *pb_test_find_all             (GtkWidget         *root,
                                         GType              type);

/* The first mapped label at or below `root` whose text is exactly `text`. */
GtkWidget *pb_test_find_label           (GtkWidget         *root,
                                         const char        *text);

/* The first mapped button at or below `root` whose label is `label`. */
GtkWidget *pb_test_find_button          (GtkWidget         *root,
                                         const char        *label);

/* The accessible label set on a widget (what a screen reader calls it), or NULL.
 * Needs GTK_A11Y=test, set before gtk_test_init(). */
char      *pb_test_accessible_label     (GtkWidget         *widget);

/* The first mapped widget of `type` at or below `root` whose accessible label is `label`. */
GtkWidget *pb_test_find_accessible      (GtkWidget         *root,
                                         GType              type,
                                         const char        *label);

/* Whether a mapped label at or below `root` holds `text` (or reads exactly it, when `exact`). */
gboolean   pb_test_shows_text           (GtkWidget         *root,
                                         const char        *text,
                                         gboolean           exact);

/* The first widget at or below `root`, mapped or not, that holds `text` anywhere a user could
 * come to read it: a label, an entry, a text view, a tooltip; NULL without one. */
GtkWidget *pb_test_find_holding         (GtkWidget         *root,
                                         const char        *text);

/* Runs the main context until a mapped label at or below `root` reads exactly `text`. */
void       pb_test_wait_for_label       (GtkWidget         *root,
                                         const char        *text);

/* What a click does, without waiting for the press animation; the button must be sensitive. */
void       pb_test_click                (GtkWidget         *button);

/* Clicks the mapped button labelled `label` at or below `root`; fails the test without one. */
void       pb_test_click_label          (GtkWidget         *root,
                                         const char        *label);

/* The first mapped widget of `type` at or below `root` whose tooltip is `tooltip`. */
GtkWidget *pb_test_find_by_tooltip      (GtkWidget         *root,
                                         GType              type,
                                         const char        *tooltip);

/* What pressing the key `keyval` with `modifiers` does on `widget` by its own shortcuts (those
 * of its class, gtk_widget_class_add_binding()): fails the test without one. */
void       pb_test_press_shortcut       (GtkWidget         *widget,
                                         guint              keyval,
                                         GdkModifierType    modifiers);

/* Whether pressing Tab from the start of `window`, again and again, gives `target` the focus
 * before the focus comes round. */
gboolean   pb_test_tab_reaches          (GtkWindow         *window,
                                         GtkWidget         *target);

/* Runs the main context until the window loads nothing, then lets `frames_ms` of frames pass
 * (so that rows are laid out); fails the test if it keeps loading. */
void       pb_test_wait_until_idle      (PbWindow          *window,
                                         guint              frames_ms);

/* Runs the frames of the transitions out: while one runs, both of its sides are shown (the
 * loading view's header bar beside the list's, say). `leaflet` is an AdwLeaflet: it and the
 * stacks around it (the window's views) are done with their transitions after it. */
void       pb_test_wait_for_leaflet     (gpointer           leaflet);

/* The question a window asks (pb-window-edit.c, the preferences): an AdwAlertDialog inside
 * `window` with libadwaita 1.5 and newer, an AdwMessageDialog window of its own before; NULL
 * without one. */
GtkWidget  *pb_test_find_alert          (GtkWidget         *window);
const char *pb_test_alert_get_heading   (GtkWidget         *alert);
/* Whether the alert offers `response`. */
gboolean    pb_test_alert_has_response  (GtkWidget         *alert,
                                         const char        *response);
/* As a click on one of its buttons: the response, then the alert closes. */
void        pb_test_answer_alert        (GtkWidget         *alert,
                                         const char        *response);
/* The text of the first mapped text view at or below `root` (which must have one). */
char      *pb_test_text_view_text       (GtkWidget         *root);

/* The item labelled `text` (without its mnemonic underscore) of the window's menus, as its
 * popover shows it (a GtkModelButton), after opening each mapped menu button of the window
 * once (a popover makes its items when it first shows); NULL without one. */
GtkWidget *pb_test_find_menu_item       (PbWindow          *window,
                                         const char        *text);

G_END_DECLS
