/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The title of the window's header bars that name the account: a title, the account's name
 * under it (the subtitle) and, for a production tenant, a coloured badge "Production" beside
 * the name. Looks like an AdwWindowTitle (its CSS name and classes). */
#define PB_TYPE_WINDOW_TITLE (pb_window_title_get_type ())
G_DECLARE_FINAL_TYPE (PbWindowTitle, pb_window_title, PB, WINDOW_TITLE, AdwBin)

GtkWidget  *pb_window_title_new            (void);
const char *pb_window_title_get_title      (PbWindowTitle *self);
void        pb_window_title_set_title      (PbWindowTitle *self,
                                            const char    *title);
const char *pb_window_title_get_subtitle   (PbWindowTitle *self);
void        pb_window_title_set_subtitle   (PbWindowTitle *self,
                                            const char    *subtitle);
gboolean    pb_window_title_get_production (PbWindowTitle *self);
void        pb_window_title_set_production (PbWindowTitle *self,
                                            gboolean       production);

G_END_DECLS
