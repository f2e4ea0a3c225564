/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _PbClient         PbClient;
typedef struct _PbConnection     PbConnection;
typedef struct _PbConnectionList PbConnectionList;
typedef struct _PbDemoServer     PbDemoServer;
typedef struct _PbInputMapping   PbInputMapping;
typedef struct _PbNameValue      PbNameValue;
typedef struct _PbOutputMapping  PbOutputMapping;

G_END_DECLS
