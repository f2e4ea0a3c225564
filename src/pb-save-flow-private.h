/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "pb-save-flow.h"

G_BEGIN_DECLS

/* The save flow's questions (pb-save-flow-questions.c): an alert dialog on libadwaita 1.5 and
 * newer, a message dialog before; each with Cancel ("cancel", its close response). They emit
 * "response" with the id chosen. */
GtkWidget *_pb_question_new                  (GtkWindow             *parent,
                                              const char            *heading,
                                              const char            *body);
void       _pb_question_add_response         (GtkWidget             *dialog,
                                              const char            *id,
                                              const char            *label,
                                              AdwResponseAppearance  appearance,
                                              gboolean               is_default);
void       _pb_question_set_cancel_label     (GtkWidget             *dialog,
                                              const char            *label);
void       _pb_question_set_extra_child      (GtkWidget             *dialog,
                                              GtkWidget             *child);
void       _pb_question_set_response_enabled (GtkWidget             *dialog,
                                              const char            *id,
                                              gboolean               enabled);
/* As a click on the response's button: "response", then it closes. */
void       _pb_question_respond              (GtkWidget             *dialog,
                                              const char            *id);
void       _pb_question_present              (GtkWidget             *dialog,
                                              GtkWindow             *parent);

/* The production guard: `body` says what is written where and what to type; Confirm
 * ("confirm", the kind's action) is enabled while the entry (in `entry_out`, for the focus
 * once presented) holds exactly `expected`, a connection's name or, with `account`, the
 * account's; Enter in the entry then answers it. */
GtkWidget *_pb_question_new_guard            (GtkWindow             *parent,
                                              PbSaveKind             kind,
                                              const char            *body,
                                              const char            *expected,
                                              gboolean               account,
                                              GtkWidget            **entry_out);

/* The production guard's heading: a short question of what is about to happen, where ("Save
 * to Production?"). */
const char *_pb_save_flow_guard_heading      (PbSaveKind             kind);

G_END_DECLS
