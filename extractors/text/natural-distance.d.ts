// natural's distance module, imported by path: the package root loads a .env file and prints.
declare module 'natural/lib/natural/distance/levenshtein_distance.js' {
  interface DistanceOptions {
    insertion_cost?: number;
    deletion_cost?: number;
    substitution_cost?: number;
    transposition_cost?: number;
    restricted?: boolean;
  }
  const distance: {
    DamerauLevenshteinDistance(source: string, target: string, options?: DistanceOptions): number;
    LevenshteinDistance(source: string, target: string, options?: DistanceOptions): number;
  };
  export default distance;
}
