/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "pb-connection-editor.h"

G_BEGIN_DECLS

/* PbConnectionEditor spans pb-connection-editor.c (the page, its header and its checks),
 * pb-connection-editor-fields.c (the controls of the fields) and pb-connection-editor-rows.c
 * (the tables, edited as rows: add, remove, move). */

/* What shows one field: its row, and the sentence under it. */
typedef struct
{
  GtkWidget *row;      /* the list row that shows it (marked when it has a problem) */
  GtkWidget *control;  /* what takes the keyboard: the row itself, a text view, a switch */
  GtkWidget *problem;  /* a list row with the sentence, hidden without one */
} PbEditorField;

typedef struct _PbEditorTable PbEditorTable;

struct _PbConnectionEditor
{
  AdwBin             parent_instance;

  /* Template children */
  AdwWindowTitle      *title;
  GtkWidget           *save_button;
  GtkWidget           *test_button;
  GtkWidget           *error_box;
  GtkLabel            *error_label;
  GtkWidget           *scroller;
  GtkWidget           *summary_box;
  GtkLabel            *summary_label;
  GtkWidget           *heading_box;
  GtkLabel            *heading_label;
  AdwPreferencesGroup *general_group;
  AdwPreferencesGroup *auth_group;
  AdwPreferencesGroup *oauth_headers_group;
  AdwPreferencesGroup *form_items_group;
  AdwPreferencesGroup *request_group;
  AdwPreferencesGroup *headers_group;
  AdwPreferencesGroup *input_group;
  AdwPreferencesGroup *output_group;
  AdwPreferencesGroup *timeouts_group;
  AdwPreferencesGroup *example_group;

  PbConnectionDraft   *draft;
  PbEditorMode         mode;
  PbEditorField        fields[PB_DRAFT_N_FIELDS];
  /* The system type as a choice (create) or as a value (edit): fields[] has the one shown. */
  GtkWidget           *system_value_row;
  GtkWidget           *secret_note;
  PbEditorTable       *tables[PB_DRAFT_N_TABLES];

  guint                check_source_id;
  /* What the form scrolls to once laid out (a row just added). */
  GtkWidget           *reveal_target;
  guint                reveal_tick_id;
  /* The next frame scrolls to the focus (when no reveal_target). */
  gboolean             reveal_focus;
  guint                n_errors;
  /* The errors shown: a new form hides those of the fields the user has not come to. */
  guint                n_shown;
  gboolean             touched[PB_DRAFT_N_FIELDS];
  /* Save was tried: every problem shows. */
  gboolean             show_all;
  gboolean             busy;
  gboolean             narrow;
  /* Values are being put into the controls: their "changed" is not the user's. */
  gboolean             loading;
};

/* Adds the fields' controls to their groups with the draft's values
 * (pb-connection-editor-fields.c). */
void  _pb_connection_editor_init_fields    (PbConnectionEditor *self);
/* Shows the fields of OAuth only for OAuth. */
void  _pb_connection_editor_update_visibility (PbConnectionEditor *self);

/* Builds the tables' groups (pb-connection-editor-rows.c). */
void  _pb_connection_editor_init_tables    (PbConnectionEditor *self);
void  _pb_connection_editor_free_tables    (PbConnectionEditor *self);
/* Clears what the tables say, before the problems of a new check are shown. */
void  _pb_connection_editor_clear_table_problems (PbConnectionEditor *self);
/* Shows one problem of a table (problem->table >= 0) under its row or its group. */
void  _pb_connection_editor_show_table_problem   (PbConnectionEditor   *self,
                                                  const PbDraftProblem *problem);
/* After the check: the sentences gathered for each row are put on screen. */
void  _pb_connection_editor_flush_table_problems (PbConnectionEditor *self);

/* Scrolls the form to `widget` once it is laid out (a row just added, focused before it has
 * a place on screen). */
void  _pb_connection_editor_reveal         (PbConnectionEditor *self,
                                            GtkWidget          *widget);

/* A list row of a sentence under a field (a problem, a note): the keyboard passes it by. */
#define PB_TYPE_EDITOR_CAPTION (pb_editor_caption_get_type ())
G_DECLARE_FINAL_TYPE (PbEditorCaption, pb_editor_caption, PB, EDITOR_CAPTION, AdwPreferencesRow)

/* A list row that says a problem under its field: hidden until it has a sentence. */
GtkWidget *_pb_editor_problem_row_new       (void);
void       _pb_editor_problem_row_set       (GtkWidget           *problem,
                                             PbDraftProblemLevel  level,
                                             const char          *message);
/* Marks a control as wrong (or not) and makes a screen reader say why. */
void       _pb_editor_mark_control          (GtkWidget           *control,
                                             gboolean             has_error,
                                             gboolean             has_warning,
                                             const char          *description,
                                             GtkWidget           *caption);
/* The user left the field (pb-connection-editor.c). */
void       _pb_connection_editor_touch      (PbConnectionEditor  *self,
                                             PbDraftField         field);

G_END_DECLS
