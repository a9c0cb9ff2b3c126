/**
 * The rough rectangle inside which the GCJ-02 offset is applied (the convention every public
 * implementation uses: coordtransform, eviltransform, gcoord). Outside it GCJ-02 and BD-09 are
 * defined as WGS84 unchanged. The rectangle is coarse on purpose (it includes parts of
 * neighbouring countries); it only decides whether to shift, not whether a point is in China.
 */
export function outOfChina(lng: number, lat: number): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}
