// fontkit ships no type declarations. The documents only need to parse a font once and hand
// the parsed object to pdfkit (which accepts any object with a `layout` method as a font).
declare module 'fontkit' {
  export interface Font {
    postscriptName: string;
    familyName: string;
    unitsPerEm: number;
    numGlyphs: number;
    layout(text: string): unknown;
    hasGlyphForCodePoint(codePoint: number): boolean;
  }
  export function create(buffer: Uint8Array, postscriptName?: string): Font;
}
