/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* One row of the connection page: a small title above a selectable value that wraps, with
 * optional copy and reveal buttons. A missing value reads "Not set". */
#define PB_TYPE_PAGE_PROPERTY (pb_page_property_get_type ())
G_DECLARE_FINAL_TYPE (PbPageProperty, pb_page_property, PB, PAGE_PROPERTY, AdwPreferencesRow)

GtkWidget  *pb_page_property_new              (const char     *title);

const char *pb_page_property_get_value        (PbPageProperty *self);
/* NULL or "" shows the empty text ("Not set" unless set otherwise). */
void        pb_page_property_set_value        (PbPageProperty *self,
                                               const char     *value);
void        pb_page_property_set_empty_text   (PbPageProperty *self,
                                               const char     *empty_text);
/* Shown shortened (pb_format_for_display()). */
void        pb_page_property_set_value_tooltip (PbPageProperty *self,
                                                const char     *tooltip);
gboolean    pb_page_property_get_secret       (PbPageProperty *self);
/* A secret value shows its masked text until revealed (by the reveal button or
 * pb_page_property_set_revealed()); Copy copies what is shown. */
void        pb_page_property_set_secret       (PbPageProperty *self,
                                               gboolean        secret);
/* What a hidden secret shows and copies instead of the value: the value masked by the rule of
 * pb-secret.h. Without one, a row of dots. */
void        pb_page_property_set_masked_text  (PbPageProperty *self,
                                               const char     *masked_text);
gboolean    pb_page_property_get_revealed     (PbPageProperty *self);
void        pb_page_property_set_revealed     (PbPageProperty *self,
                                               gboolean        revealed);
gboolean    pb_page_property_get_monospace    (PbPageProperty *self);
void        pb_page_property_set_monospace    (PbPageProperty *self,
                                               gboolean        monospace);
/* A block of code (monospace, as tall as its text) instead of a label. */
gboolean    pb_page_property_get_code         (PbPageProperty *self);
void        pb_page_property_set_code         (PbPageProperty *self,
                                               gboolean        code);
/* Highlights the ${placeholders} of the value. */
gboolean    pb_page_property_get_mark_placeholders (PbPageProperty *self);
void        pb_page_property_set_mark_placeholders (PbPageProperty *self,
                                                    gboolean        mark_placeholders);
/* The accessible label and tooltip of the copy button; NULL hides the button. */
void        pb_page_property_set_copy_label   (PbPageProperty *self,
                                               const char     *copy_label);
void        pb_page_property_set_icon_name    (PbPageProperty *self,
                                               const char     *icon_name);

/* Puts `text` on the clipboard of `widget` and says so in a toast when `widget` is inside an
 * AdwToastOverlay. */
void        pb_page_copy_to_clipboard         (GtkWidget      *widget,
                                               const char     *text);
/* `text` as Pango markup with its ${placeholders} highlighted. */
char       *pb_page_mark_placeholders         (const char     *text);

G_END_DECLS
