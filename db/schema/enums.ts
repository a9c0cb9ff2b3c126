import { pgEnum } from 'drizzle-orm/pg-core';
import { CHANNELS, COMPLAINT_STATUSES, LOCATION_PRECISIONS } from '../../lib/complaints/vocabulary';

/** Administrative levels: 市 city, 区/县 county, 镇/街道 town, 村/社区 village. */
export const divisionLevel = pgEnum('division_level', ['city', 'county', 'town', 'village']);

/** The three tiers an office can sit at (区/县, 镇/街道, 村/社区). */
export const tier = pgEnum('tier', ['county', 'town', 'village']);

/** government 政府/街道办, department 职能部门 (局), committee 村委会/居委会, discipline 纪委监委. */
export const officeKind = pgEnum('office_kind', ['government', 'department', 'committee', 'discipline']);

export const role = pgEnum('role', ['grid_worker', 'handler', 'inspector', 'leader', 'admin']);

export const facilityKind = pgEnum('facility_kind', [
  'community_health_centre',
  'hospital',
  'school',
  'kindergarten',
  'market',
  'residential_compound',
  'water_works',
  'elderly_care',
  'bus_station',
]);

export const buildingUse = pgEnum('building_use', [
  'residential',
  'mixed',
  'public',
  'commercial',
  'rural_house',
]);

/**
 * How a complaint's building or facility link was decided (`lib/linking/`): footprint 楼栋覆盖定位,
 * nearest 最近楼栋, address 文中地址, reporter 报告人所选楼栋, name_mention 文中全称, short_name 文中简称,
 * facility_area 定位在设施楼栋或院区内, facility_point 定位紧邻设施, kind_nearest 文中设施类别 + 最近同类,
 * staff 工作人员指定.
 */
export const linkMethod = pgEnum('link_method', [
  'footprint',
  'nearest',
  'address',
  'reporter',
  'name_mention',
  'short_name',
  'facility_area',
  'facility_point',
  'kind_nearest',
  'staff',
]);

/** auto: the linker's; confirmed / corrected by staff (sticky: re-runs never overwrite them). */
export const linkState = pgEnum('link_state', ['auto', 'confirmed', 'corrected']);

/** How a complaint arrived. */
export const channel = pgEnum('channel', CHANNELS);

/** complaint 一般诉求; misconduct 违纪违法线索 (visible to the 纪委 only). */
export const complaintKind = pgEnum('complaint_kind', ['complaint', 'misconduct']);

/** The datum a location arrived in; storage is always WGS84. */
export const datum = pgEnum('datum', ['wgs84', 'gcj02', 'bd09', 'cgcs2000']);

/**
 * What a complaint's point is (`LOCATION_PRECISIONS`): `point` a place the reporter gave (a phone's
 * fix, a map pin); otherwise it was derived from a written address (Open311 `address_string` alone):
 * a building's centre, a facility's place, or a village's or town's centre (approximate: no building
 * or facility is linked from such a point).
 */
export const locationPrecision = pgEnum('location_precision', LOCATION_PRECISIONS);

/**
 * How the history importer (`npm run import:requests`) wrote a complaint: `history` keeps the source's
 * status, dates and notes and stays out of every live queue (no workflow, notifications or deadline
 * sweep); `live` continues an open case in today's workflow. Null: not imported.
 */
export const importMode = pgEnum('import_mode', ['history', 'live']);

export const complaintStatus = pgEnum('complaint_status', COMPLAINT_STATUSES);

export const ratingLevel = pgEnum('rating_level', ['satisfied', 'basically_satisfied', 'unsatisfied']);

export const attachmentKind = pgEnum('attachment_kind', ['photo', 'video', 'audio']);

export const spotCheckResult = pgEnum('spot_check_result', ['pending', 'passed', 'failed']);

export const visitMethod = pgEnum('visit_method', ['phone', 'in_person', 'meeting']);

export const clueStatus = pgEnum('clue_status', ['new', 'verifying', 'filed', 'dismissed']);
